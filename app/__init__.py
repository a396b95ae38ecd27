"""The core of wavedesk: no Qt below this package (an import contract). Layers, top
down: cli and demo (entry points), services (use cases), db / devices / routing
(adapters, with the top-level ``printing`` package), domain (pure rules)."""
