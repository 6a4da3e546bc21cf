from manifest_helpers import load_errors

__all__ = ["load_errors"]
