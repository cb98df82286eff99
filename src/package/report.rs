//! The `size` command output.
