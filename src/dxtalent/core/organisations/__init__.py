"""Japan's local governments: JIS X 0402 codes, kinds, and the published list."""
