//! Facts about WeChat itself that rules read: the scopes of the authorize page and what needs
//! them. Data, not logic: a new API or scope is a new row.

pub mod apis;

use crate::code::js::ApiCall;

/// The scopes of WeChat's authorize page (授权, `scope` 列表).
pub const SCOPES: &[&str] = &[
    "scope.userLocation",
    "scope.userFuzzyLocation",
    "scope.userLocationBackground",
    "scope.record",
    "scope.camera",
    "scope.bluetooth",
    "scope.writePhotosAlbum",
    "scope.addPhoneContact",
    "scope.addPhoneCalendar",
    "scope.werun",
    "scope.address",
    "scope.invoiceTitle",
    "scope.invoice",
    "scope.userInfo",
];

/// The scope each API or component needs (the authorize page; `chooseLocation` from
/// AuthSetting).
pub const API_SCOPES: &[(&str, &str)] = &[
    ("getLocation", "scope.userLocation"),
    ("startLocationUpdate", "scope.userLocation"),
    ("chooseLocation", "scope.userLocation"),
    ("getFuzzyLocation", "scope.userFuzzyLocation"),
    (
        "startLocationUpdateBackground",
        "scope.userLocationBackground",
    ),
    ("startRecord", "scope.record"),
    ("joinVoIPChat", "scope.record"),
    ("getRecorderManager", "scope.record"),
    ("createVKSession", "scope.camera"),
    ("openBluetoothAdapter", "scope.bluetooth"),
    ("createBLEPeripheralServer", "scope.bluetooth"),
    ("saveImageToPhotosAlbum", "scope.writePhotosAlbum"),
    ("saveVideoToPhotosAlbum", "scope.writePhotosAlbum"),
    ("addPhoneContact", "scope.addPhoneContact"),
    ("addPhoneCalendar", "scope.addPhoneCalendar"),
    ("addPhoneRepeatCalendar", "scope.addPhoneCalendar"),
    ("getWeRunData", "scope.werun"),
    ("chooseAddress", "scope.address"),
    ("chooseInvoiceTitle", "scope.invoiceTitle"),
    ("chooseInvoice", "scope.invoice"),
    ("getUserInfo", "scope.userInfo"),
];

pub const COMPONENT_SCOPES: &[(&str, &str)] = &[
    ("camera", "scope.camera"),
    ("live-pusher", "scope.camera"),
    ("live-pusher", "scope.record"),
];

pub fn api_scope(api: &str) -> Option<&'static str> {
    API_SCOPES.iter().find(|(a, _)| *a == api).map(|(_, s)| *s)
}

/// The scope a call needs: its API's, or the literal `scope` of `wx.authorize({ scope })`.
pub fn call_scope(call: &ApiCall) -> Option<&'static str> {
    if call.api == "authorize" {
        let scope = call
            .arg
            .as_ref()?
            .as_object()?
            .get("scope")?
            .value
            .as_str()?;
        return SCOPES.iter().copied().find(|s| *s == scope);
    }
    api_scope(&call.api)
}
