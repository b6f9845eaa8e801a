//! Tests for date parsing: each written form, each precision, and dates that cannot exist.

use super::*;

fn parsed(text: &str) -> Option<(String, &'static str)> {
    parse_date(text).map(|d| (d.value, d.precision.as_str()))
}

fn assert_date(text: &str, value: &str, precision: &str) {
    assert_eq!(
        parsed(text),
        Some((value.to_string(), precision)),
        "input: {text:?}"
    );
}

#[test]
fn iso_dates_have_day_precision() {
    assert_date("2018-11-02", "2018-11-02", "day");
    assert_date("2018/11/02", "2018-11-02", "day");
    assert_date("2018.11.2", "2018-11-02", "day");
    assert_date("Updated: 2018-11-02", "2018-11-02", "day");
}

#[test]
fn a_time_without_a_zone_keeps_only_the_day() {
    assert_date("2018-11-02 10:30", "2018-11-02", "day");
    assert_date("2018-11-02T10:30:00", "2018-11-02", "day");
}

#[test]
fn zoned_times_are_instants_in_rfc3339() {
    assert_date(
        "2018-11-02T10:30:00+08:00",
        "2018-11-02T10:30:00+08:00",
        "instant",
    );
    assert_date(
        "2018-11-02T02:30:00.000Z",
        "2018-11-02T02:30:00Z",
        "instant",
    );
    assert_date(
        "2018-11-02 10:30:00 +0300",
        "2018-11-02T10:30:00+03:00",
        "instant",
    );
    assert_date(
        "Fri, 02 Nov 2018 10:30:00 +0000",
        "2018-11-02T10:30:00Z",
        "instant",
    );
    assert_date(
        "Published 2018-11-02T10:30Z by staff",
        "2018-11-02T10:30:00Z",
        "instant",
    );
}

#[test]
fn english_month_names_are_read() {
    assert_date("Nov 2, 2018", "2018-11-02", "day");
    assert_date("November 2nd, 2018", "2018-11-02", "day");
    assert_date("Nov. 2, 2018", "2018-11-02", "day");
    assert_date("2 November 2018", "2018-11-02", "day");
    assert_date("Friday, 2 Nov 2018 10:30 GMT", "2018-11-02", "day");
    assert_date("Published: Friday, November 2, 2018", "2018-11-02", "day");
    assert_date("Sept 30, 2018", "2018-09-30", "day");
    assert_date("November 2018", "2018-11", "month");
}

#[test]
fn russian_dates_are_read() {
    assert_date("2 ноября 2018", "2018-11-02", "day");
    assert_date("2 ноября 2018 г.", "2018-11-02", "day");
    assert_date("Опубликовано: 15 марта 2019, 10:00", "2019-03-15", "day");
    assert_date("1 мая 2020", "2020-05-01", "day");
    assert_date("02 ноя 2018", "2018-11-02", "day");
    assert_date("ноябрь 2018", "2018-11", "month");
    assert_date("02.11.2018", "2018-11-02", "day");
}

#[test]
fn chinese_dates_are_read() {
    assert_date("2018年11月2日", "2018-11-02", "day");
    assert_date("发布时间：2018年11月2日 10:30", "2018-11-02", "day");
    assert_date("２０１８年１１月２日", "2018-11-02", "day");
    assert_date("2018 年 11 月", "2018-11", "month");
    assert_date("2018年", "2018", "year");
}

#[test]
fn numeric_day_month_order_follows_the_separator() {
    assert_date("02.11.2018", "2018-11-02", "day");
    assert_date("02-11-2018", "2018-11-02", "day");
    assert_date("11/02/2018", "2018-11-02", "day");
    assert_date("25/12/2018", "2018-12-25", "day");
}

#[test]
fn bare_year_and_year_month_have_their_precision() {
    assert_date("2018", "2018", "year");
    assert_date("2018-11", "2018-11", "month");
}

#[test]
fn impossible_dates_are_rejected() {
    for text in [
        "2018-02-30",
        "2018-13-01",
        "31.04.2018",
        "2018年2月30日",
        "February 30, 2018",
        "2018-00",
        "0000",
        "9999-01-01",
        "2018-11-31T10:00:00Z",
        "30 февраля 2018",
    ] {
        assert_eq!(parsed(text), None, "input: {text:?}");
    }
}

#[test]
fn text_without_a_date_gives_none() {
    for text in [
        "",
        "   ",
        "hello world",
        "Updated:",
        "since 2018",
        "version 1.2.3",
        "Mon 12",
    ] {
        assert_eq!(parsed(text), None, "input: {text:?}");
    }
}

#[test]
fn precision_names_match_the_database_check() {
    let names: Vec<_> = [
        DatePrecision::Day,
        DatePrecision::Month,
        DatePrecision::Year,
        DatePrecision::Instant,
    ]
    .iter()
    .map(|p| p.to_string())
    .collect();
    assert_eq!(names, ["day", "month", "year", "instant"]);
}

#[test]
fn long_input_is_cut_not_scanned() {
    let text = format!("2018-11-02 {}", "x".repeat(10_000_000));
    assert_date(&text, "2018-11-02", "day");
}

#[test]
fn basic_iso_javascript_and_timestamp_forms() {
    assert_date("20240301", "2024-03-01", "day");
    assert_date("20240301T2330", "2024-03-01", "day");
    assert_date(
        "20240301T233000+0300",
        "2024-03-01T23:30:00+03:00",
        "instant",
    );
    assert_date(
        "Tue Nov 19 2019 03:05:46 GMT+0000",
        "2019-11-19T03:05:46Z",
        "instant",
    );
    assert_eq!(
        parse_timestamp("1709353800").map(|d| d.value),
        Some("2024-03-02T04:30:00Z".to_string())
    );
    assert_eq!(
        parse_timestamp("1709280000000").map(|d| d.value),
        Some("2024-03-01T08:00:00Z".to_string())
    );
    assert_eq!(parse_timestamp("2024"), None);
    assert_eq!(parse_timestamp("12ab567890"), None);
}

#[test]
fn an_instant_reduces_to_the_day_of_its_own_offset() {
    let day = |text: &str| parse_date(text).map(|d| d.calendar_day().value);
    assert_eq!(
        day("2024-03-01T23:30:00-05:00").as_deref(),
        Some("2024-03-01")
    );
    assert_eq!(
        day("2024-03-02T01:00:00+08:00").as_deref(),
        Some("2024-03-02")
    );
    assert_eq!(day("2024-03").as_deref(), Some("2024-03"));
}
