//! What a write changed, decided where the write happens: the seam returns it with every
//! operation's result, and the desktop forwards it to the window as `folio://changed`.

use serde::Serialize;
use ts_rs::TS;

/// The kinds of data a write may change; the UI refreshes what shows each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Items,
    Tags,
    Collections,
    SavedSearches,
    Templates,
    Stats,
}

/// One thing a write changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// These items were added, changed or removed (no ids: any item may have).
    Items {
        ids: Vec<i64>,
    },
    /// The tag list (names or counts).
    Tags,
    /// The collection list (names, counts or order).
    Collections,
    SavedSearches,
    /// The ingest templates.
    Templates,
    /// The archive's counts and sizes.
    Stats,
}

impl Change {
    pub fn kind(&self) -> EntityKind {
        match self {
            Change::Items { .. } => EntityKind::Items,
            Change::Tags => EntityKind::Tags,
            Change::Collections => EntityKind::Collections,
            Change::SavedSearches => EntityKind::SavedSearches,
            Change::Templates => EntityKind::Templates,
            Change::Stats => EntityKind::Stats,
        }
    }
}

/// Everything one write changed: the payload of `folio://changed`, and what each write returns
/// beside its result. Empty when the write changed nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ChangeSet {
    pub changes: Vec<Change>,
}

impl ChangeSet {
    /// Everything may have changed: what a write that failed part-way says.
    pub fn everything() -> Self {
        Self {
            changes: vec![
                Change::Items { ids: Vec::new() },
                Change::Tags,
                Change::Collections,
                Change::SavedSearches,
                Change::Stats,
            ],
        }
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Adds items (merged with items already named), keeping ids unique and sorted.
    pub fn items(mut self, ids: impl IntoIterator<Item = i64>) -> Self {
        let mut ids: Vec<i64> = ids.into_iter().collect();
        if ids.is_empty() {
            return self;
        }
        if let Some(Change::Items { ids: known }) = self
            .changes
            .iter_mut()
            .find(|c| matches!(c, Change::Items { .. }))
        {
            known.append(&mut ids);
            known.sort_unstable();
            known.dedup();
            return self;
        }
        ids.sort_unstable();
        ids.dedup();
        self.changes.insert(0, Change::Items { ids });
        self
    }

    /// Adds a change that carries no ids (tags, collections, saved searches, stats).
    pub fn with(mut self, change: Change) -> Self {
        if !self.changes.contains(&change) {
            self.changes.push(change);
        }
        self
    }

    /// The union of two change sets.
    pub fn merge(mut self, other: ChangeSet) -> Self {
        for change in other.changes {
            self = match change {
                Change::Items { ids } => self.items(ids),
                other => self.with(other),
            };
        }
        self
    }

    /// The kinds of data changed, each once.
    pub fn kinds(&self) -> Vec<EntityKind> {
        let mut kinds: Vec<EntityKind> = self.changes.iter().map(Change::kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        kinds
    }

    /// The items named, if any.
    pub fn item_ids(&self) -> &[i64] {
        self.changes
            .iter()
            .find_map(|c| match c {
                Change::Items { ids } => Some(ids.as_slice()),
                _ => None,
            })
            .unwrap_or(&[])
    }
}

/// A write's result together with what it changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Written<T> {
    pub value: T,
    pub changes: ChangeSet,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn items_are_merged_into_one_sorted_change() {
        let set = ChangeSet::default()
            .items([3, 1])
            .with(Change::Tags)
            .items([2, 3])
            .with(Change::Tags);
        assert_eq!(
            set.changes,
            vec![Change::Items { ids: vec![1, 2, 3] }, Change::Tags]
        );
        assert_eq!(set.kinds(), vec![EntityKind::Items, EntityKind::Tags]);
        assert!(ChangeSet::default().items([]).is_empty());
    }
}
