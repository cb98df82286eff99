//! The chatTools entry and its subpackage.
pub mod package_size;
pub mod too_many;
pub mod unknown_root;
