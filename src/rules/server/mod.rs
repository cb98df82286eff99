//! The server side of dynamic messages: cloud functions and Node code of the repository.
pub mod chattoolmsg;
