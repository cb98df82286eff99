//! Rules on what reading the chat-tool package's code found (`code/syntax`). Rules on the code
//! live in the folder of their id's group; the code index they share is `crate::code`.
pub mod syntax;
