//! stub
use super::{ArticleDraft, ArticleError};
pub(super) fn extract(_bytes: &[u8]) -> Result<ArticleDraft, ArticleError> {
    Err(ArticleError::NoContent("PDF"))
}
