//! Privacy declarations: `requiredPrivateInfos` and `permission`.
pub mod location_exclusive;
pub mod permission_desc;
pub mod undeclared_location_api;
