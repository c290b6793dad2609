"""Running SPARQL: checks on a query's text before it runs (:mod:`.text`), a time limit that really stops the
work (:mod:`.run`, in worker processes: :mod:`.workers`), results in a compact form (:mod:`.result`) written in
the SPARQL 1.1 formats, a text table or Markdown (:mod:`.formats`), and the SPARQL 1.1 Protocol endpoint
(:mod:`.endpoint`). The library of named queries is :mod:`jejaring.queries`."""
