"""Django plumbing shared by the apps: model fields and abstract models, no concrete tables."""
