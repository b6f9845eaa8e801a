//! Tests for page metadata.
