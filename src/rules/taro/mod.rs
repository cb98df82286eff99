//! Taro sources: app.config and page configs.
pub mod dynamic_config;
