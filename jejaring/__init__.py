"""jejaring: documents about cities, agencies, officials, learning visits and lessons into an RDF
knowledge graph, queried with SPARQL, explored as a stakeholder network and exported to other tools."""

__version__ = "0.1.0"
