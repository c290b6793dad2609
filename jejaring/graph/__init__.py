"""The knowledge graph once documents are triples: store/ keeps them, sparql/ asks them questions, views/ turns
them into networks, pictures, descriptions and exports (each imports only those before it)."""
