//! Unit tests of the WARC reader on records written here byte by byte.

use super::*;
use std::io::Write;

fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
         WARC-Date: 2021-02-15T14:20:00Z\r\nContent-Type: text/html\r\n\
         Content-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn all(_: &Head, _: &[u8]) -> bool {
    true
}

fn read(bytes: &[u8]) -> Vec<Item> {
    Reader::new(bytes, all, 1 << 20).unwrap().collect()
}

fn blocks(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .map(|i| match i {
            Item::Record(r) => String::from_utf8_lossy(r.block.as_deref().unwrap()).into(),
            Item::Malformed { reason, .. } => format!("malformed: {reason}"),
            Item::Damaged { reason, .. } => format!("damaged: {reason}"),
        })
        .collect()
}

#[test]
fn plain_records_have_their_byte_offsets() {
    let a = record("response", "http://a/", b"first");
    let b = record("resource", "<http://b/>", b"second");
    let file = [a.clone(), b].concat();
    let items = read(&file);
    assert_eq!(blocks(&items), ["first", "second"]);
    let Item::Record(r) = &items[1] else { panic!() };
    assert_eq!(
        r.offset,
        Offset {
            at: a.len() as u64,
            within: 0
        }
    );
    assert_eq!(r.head.target_uri.as_deref(), Some("http://b/"));
    assert_eq!(r.head.warc_type, "resource");
}

#[test]
fn gzip_members_give_compressed_offsets_that_open_at_seeks_to() {
    let a = gz(&record("response", "http://a/", b"first"));
    let b = gz(&record("response", "http://b/", b"second"));
    let file = [a.clone(), b].concat();
    let items = read(&file);
    assert_eq!(blocks(&items), ["first", "second"]);
    let Item::Record(r) = &items[1] else { panic!() };
    assert_eq!(
        r.offset,
        Offset {
            at: a.len() as u64,
            within: 0
        }
    );

    assert_eq!(blocks(&record_at(&file, r.offset)), ["second"]);
}

/// The one record at `offset` of an archive with these bytes, read by seeking to it.
fn record_at(file: &[u8], offset: Offset) -> Vec<Item> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("x.warc.gz");
    std::fs::write(&path, file).unwrap();
    Reader::open_at(&path, offset, all, 1 << 20)
        .unwrap()
        .take(1)
        .collect()
}

#[test]
fn one_gzip_stream_of_many_records_gives_offsets_inside_it() {
    let a = record("response", "http://a/", b"first");
    let file = gz(&[a.clone(), record("response", "http://b/", b"second")].concat());
    let items = read(&file);
    let Item::Record(r) = &items[1] else { panic!() };
    assert_eq!(r.offset.to_string(), format!("0+{}", a.len()));
    assert_eq!(blocks(&record_at(&file, r.offset)), ["second"]);
}

#[test]
fn a_truncated_gzip_archive_keeps_the_records_before_the_damage() {
    let members: Vec<Vec<u8>> = (0..5)
        .map(|i| {
            gz(&record(
                "response",
                "http://a/",
                format!("page {i} ").repeat(50).as_bytes(),
            ))
        })
        .collect();
    let file = members.concat();
    let cut = members[0].len() + members[1].len() + members[2].len() / 2;
    let items = read(&file[..cut]);
    assert_eq!(items.len(), 3, "{:?}", blocks(&items));
    assert!(blocks(&items)[1].starts_with("page 1"));
    match &items[2] {
        Item::Damaged { offset, reason } => {
            assert_eq!(offset.at as usize, members[0].len() + members[1].len());
            assert!(reason.contains("truncated"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn malformed_records_are_skipped_and_reading_goes_on() {
    let good = record("response", "http://a/", b"good");
    let no_length = b"WARC/1.0\r\nWARC-Type: response\r\n\r\nbody\r\n\r\n".to_vec();
    let bad_length =
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: ten\r\n\r\nbody\r\n\r\n".to_vec();
    let no_colon = b"WARC/1.0\r\nthis is not a header\r\n\r\n".to_vec();
    let too_short =
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 2\r\n\r\nbody\r\n\r\n".to_vec();
    let plain = [
        good.clone(),
        no_length.clone(),
        good.clone(),
        bad_length.clone(),
        good.clone(),
        no_colon.clone(),
        good.clone(),
        too_short.clone(),
        good.clone(),
    ]
    .concat();
    let got = blocks(&read(&plain));
    assert_eq!(
        got,
        [
            "good",
            "malformed: no Content-Length",
            "good",
            "malformed: bad Content-Length \"ten\"",
            "good",
            "malformed: header line without a name: \"this is not a header\"",
            "good",
            "malformed: the record does not end where its Content-Length (2) says",
            "good"
        ]
    );
    // The same records one per gzip member.
    let members: Vec<u8> = [good.clone(), too_short, good.clone(), no_length, good]
        .iter()
        .flat_map(|r| gz(r))
        .collect();
    let got = blocks(&read(&members));
    assert_eq!(got.iter().filter(|b| *b == "good").count(), 3, "{got:?}");
    assert_eq!(got.len(), 5, "{got:?}");
}

#[test]
fn a_member_that_ends_inside_its_record_is_malformed_not_fatal() {
    let mut short = record("response", "http://a/", b"0123456789");
    short.truncate(short.len() - 8);
    let file = [gz(&short), gz(&record("response", "http://b/", b"after"))].concat();
    let got = blocks(&read(&file));
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got[0].starts_with("malformed: the record ends before"),
        "{got:?}"
    );
    assert_eq!(got[1], "after");
}

#[test]
fn the_filter_leaves_unwanted_blocks_unread_and_the_cap_cuts_big_ones() {
    fn only_a(h: &Head, _: &[u8]) -> bool {
        h.target_uri.as_deref() == Some("http://a/")
    }
    let big = vec![b'x'; 100_000];
    let file = [
        record("response", "http://a/", &big),
        record("response", "http://b/", &big),
    ]
    .concat();
    let items: Vec<Item> = Reader::new(&file[..], only_a, 50_000).unwrap().collect();
    let Item::Record(a) = &items[0] else { panic!() };
    let Item::Record(b) = &items[1] else { panic!() };
    assert_eq!(a.block.as_ref().unwrap().len(), 50_000);
    assert!(a.cut);
    assert!(b.block.is_none());
    assert_eq!(b.head.length, 100_000);
}

#[test]
fn member_paths_round_trip() {
    let o = Offset {
        at: 1234,
        within: 56,
    };
    let p = member_path("/a/crawl.warc.gz", o);
    assert_eq!(p, "/a/crawl.warc.gz#1234+56");
    assert_eq!(split_member(&p), Some(("/a/crawl.warc.gz", o)));
    assert_eq!(split_member("/a/page.html#12"), None);
    assert_eq!(split_member("/a/x.WARC#7").map(|m| m.1.at), Some(7));
    assert!(split_member("/a/x.warc#").is_none());
}

proptest::proptest! {
    #[test]
    fn any_bytes_are_read_without_panic_or_endless_loop(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..2000)) {
        let items = read(&bytes);
        proptest::prop_assert!(items.len() <= bytes.len() + 1);
    }

    #[test]
    fn any_cut_of_a_gzip_archive_keeps_the_whole_members_before_it(cut in 0usize..2000) {
        let members: Vec<Vec<u8>> = (0..6)
            .map(|i| gz(&record("response", "http://a/", format!("page {i}").as_bytes())))
            .collect();
        let file = members.concat();
        let cut = cut.min(file.len());
        let whole = members.iter().scan(0, |end, m| { *end += m.len(); Some(*end) }).filter(|end| *end <= cut).count();
        let items = read(&file[..cut]);
        let records = items.iter().filter(|i| matches!(i, Item::Record(_))).count();
        proptest::prop_assert_eq!(records, whole);
    }
}
