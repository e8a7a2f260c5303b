"""Text renderers: CIB elements -> the lines pcs 0.11 prints (no logic, no changes)."""
