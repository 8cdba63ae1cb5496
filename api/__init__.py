"""Ba Nhất: kept free of framework imports so that `import api.domain` works in a bare Python."""
