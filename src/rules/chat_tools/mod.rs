//! The chatTools entry and its subpackage.
pub mod base_library;
pub mod desc;
pub mod entry_page;
pub mod not_independent;
pub mod not_skyline;
pub mod package_size;
pub mod skyline_ab_test;
pub mod too_many;
pub mod unknown_root;
pub mod unknown_scope;
