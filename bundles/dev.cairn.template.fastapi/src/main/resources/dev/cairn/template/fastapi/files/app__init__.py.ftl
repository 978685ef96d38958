"""${spec.title}: ${spec.summary}"""
