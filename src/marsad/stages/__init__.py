"""The built-in pipeline stages, one module each; ``stages.builtin`` imports them all, which registers
them by name (the pipeline does so when it is built)."""
