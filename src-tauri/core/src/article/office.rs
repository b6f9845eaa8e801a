//! stub
use super::{ArticleDraft, ArticleError};
pub(super) fn extract_docx(_bytes: &[u8]) -> Result<ArticleDraft, ArticleError> {
    Err(ArticleError::NoContent("DOCX"))
}
pub(super) fn extract_odt(_bytes: &[u8]) -> Result<ArticleDraft, ArticleError> {
    Err(ArticleError::NoContent("ODT"))
}
