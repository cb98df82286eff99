//! The chatTools entry and its subpackage.
pub mod too_many;
pub mod unknown_root;
