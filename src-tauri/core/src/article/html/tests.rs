//! Tests for web pages.
