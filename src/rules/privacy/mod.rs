//! Privacy declarations: `requiredPrivateInfos` and `permission`.
pub mod location_exclusive;
pub mod permission_desc;
