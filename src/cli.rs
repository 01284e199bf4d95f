//! Command-line arguments (clap derive), and their conversion into the library's requests.
//!
//! Each flag documents itself once; that text feeds `--help` and the shell completions.
//! Arguments are checked and turned into requests here, once (dates parsed, formats mapped
//! onto the library's types), so the library knows nothing of clap.

use anyhow::Result;
use clap::{Parser, Subcommand};
use morgue::search::{parse_day_range, SearchRequest};
use std::path::PathBuf;

/// Search engine for news archives: index saved news pages, then ask what was published
/// about what, when, and who was in it.
#[derive(Debug, Parser)]
#[command(
    name = "morgue",
    version,
    about,
    long_about = None,
    propagate_version = true,
    after_help = "Examples:\n  morgue index corpus\n  morgue search --person Putin clubhouse\n  morgue search --from 2021 --to 2021-06 vaccine --format jsonl | jq .headline\n  morgue people --limit 20"
)]
pub struct Cli {
    /// Index directory.
    #[arg(
        long,
        global = true,
        env = "MORGUE_INDEX",
        default_value = "index",
        value_name = "PATH"
    )]
    pub index: PathBuf,
    /// Explain skipped pages and other details on stderr.
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Bring the index up to date with the pages under DIR or FILE (default ./corpus).
    ///
    /// New pages are added, changed ones re-indexed, vanished ones removed, unchanged ones
    /// skipped without being read. Reads .html, .htm, .xhtml and .txt, gzip-compressed too,
    /// and web archives (.warc, .warc.gz) record by record: each 200 HTML or text capture is
    /// a page at ARCHIVE#OFFSET, with its capture date as `captured`.
    Index(IndexArgs),
    /// Ranked full-text search.
    ///
    /// QUERY: words are all required; "exact phrase"; -word excludes; headline:word,
    /// person:"Elon Musk", site:ledger, date:[2021-01-01 TO 2021-03-01] (YYYY, YYYY-MM too);
    /// captured:[2021-01-01 TO 2021-02-01] for when a web archive captured the page.
    /// An empty QUERY lists every article that passes the filters, newest first.
    /// Exit status: 0 hits found, 1 no hits, 2 error.
    Search(SearchArgs),
    /// Print what would be extracted from pages, without indexing them.
    ///
    /// A web archive (.warc, .warc.gz) gives every page it holds; ARCHIVE#OFFSET gives the one
    /// record at that offset, read by seeking to it.
    Extract {
        /// Pages, web archives, or ARCHIVE#OFFSET records to read.
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Output format [default: text on a terminal, jsonl when piped].
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        #[command(flatten)]
        no_index: NoIndex,
    },
    /// Print one stored article in full, by id, id prefix, page path (ARCHIVE#OFFSET for a
    /// page from a web archive) or URL.
    Show {
        /// Article id (or its first characters), page path or URL.
        #[arg(value_name = "ID|PATH|URL")]
        key: String,
        /// Output format [default: text on a terminal, json when piped].
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
    },
    /// Open the saved page of a stored article with the system's opener ($MORGUE_OPENER, else
    /// xdg-open or open).
    Open {
        /// Article id (or its first characters), page path or URL.
        #[arg(value_name = "ID|PATH|URL")]
        key: String,
    },
    /// List the pages that produced no article, with the reason, as the index recorded them.
    Skipped {
        /// Output format [default: text on a terminal, jsonl when piped].
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
    },
    /// Articles, date range, index size and the most mentioned people.
    Stats {
        /// Output format [default: text on a terminal, json when piped].
        #[arg(long, value_enum)]
        format: Option<FormatArg>,
        #[command(flatten)]
        solr: SolrTarget,
    },
    /// The most mentioned people, with the number of articles mentioning each.
    ///
    /// With --with NAME: the people mentioned in the same articles as NAME, with the number of
    /// articles they share. NAME is matched as --person matches it (a surname alone when only
    /// one person has it; otherwise the candidates are listed). QUERY narrows the articles, as
    /// in `morgue search`.
    People(PeopleArgs),
    /// Write every matching article in full (body included), for pandas, R or a spreadsheet.
    ///
    /// Articles stream out in index order, one at a time, so memory stays flat on any archive.
    /// No QUERY and no filter exports the whole index. Stops quietly when the reader goes away
    /// (`morgue export | head`). Exit status: 0 articles written, 1 none matched, 2 error.
    Export(ExportArgs),
    /// Serve a search page and a JSON API over HTTP (loopback only unless --addr says otherwise).
    Serve {
        /// Address to listen on; anything but loopback makes the archive readable by the network.
        #[arg(long, default_value = morgue::serve::DEFAULT_ADDR, value_name = "IP:PORT")]
        addr: std::net::SocketAddr,
    },
    /// Send articles to a SolrCloud collection made from solr/morgue/conf (see the README).
    ///
    /// With DIR|FILE: brings the local index (--index) up to date with those pages first
    /// (extracting in parallel, as `morgue index` does), then sends their articles, with the
    /// local index's ids, and deletes the collection's documents from pages under those paths
    /// that vanished. Several machines may push disjoint folders into one collection at once.
    /// With --from-index: sends every article of the local index, deleting nothing.
    /// 503s and lost connections are retried with backoff; a cluster that still refuses ends
    /// the push with exit status 2, and running it again completes the collection.
    Push(PushArgs),
    /// Print shell completions.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
        #[command(flatten)]
        no_index: NoIndex,
    },
}

/// `morgue index`.
#[derive(Debug, clap::Args)]
pub struct IndexArgs {
    /// Files or directories to walk.
    #[arg(value_name = "DIR|FILE", default_value = "corpus")]
    pub paths: Vec<PathBuf>,
    /// Rebuild the index from scratch.
    #[arg(long)]
    pub full: bool,
    /// Extraction threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Commit after N changed pages, so an interrupted run keeps its work (also every 15 s).
    #[arg(long, value_name = "N", default_value_t = morgue::index::ingest::COMMIT_EVERY_DOCS)]
    pub commit_every: usize,
    /// After indexing, keep watching the folders and index pages as they are saved,
    /// changed, moved or deleted (one commit per quiet burst of changes), until Ctrl-C.
    #[arg(long)]
    pub watch: bool,
}

/// `morgue search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    #[command(flatten)]
    pub filters: Filters,
    #[command(flatten)]
    pub person: PersonFilter,
    /// Order of results [default: relevance, or newest for an empty query].
    #[arg(long, value_enum)]
    pub sort: Option<SortArg>,
    /// Number of hits to show.
    #[arg(long, default_value_t = 10, value_name = "N")]
    pub limit: usize,
    /// Number of hits to skip (for paging).
    #[arg(long, default_value_t = 0, value_name = "N")]
    pub offset: usize,
    /// Show every copy of a syndicated story as its own hit. By default the copies of one
    /// story (the same text run by several sites, with small edits) are one hit, the best
    /// ranked, with the others listed under it ("also in N other places"; `copies` in JSON).
    #[arg(long)]
    pub all_copies: bool,
    /// Also count every matching article (not only the hits shown) per year, month, week
    /// (from Monday) or day of publication: a bar chart after the hits in text, "histogram"
    /// in JSON (empty buckets inside the range count 0; undated articles are counted apart).
    #[arg(long, value_enum, value_name = "INTERVAL")]
    pub histogram: Option<IntervalArg>,
    /// Output format [default: text on a terminal; jsonl when piped, json with --histogram].
    /// csv: a header row, then rank, date, headline, site, url, path, people, authors,
    /// snippet and id of each hit.
    #[arg(long, value_enum)]
    pub format: Option<HitFormatArg>,
    #[command(flatten)]
    pub solr: SolrTarget,
}

/// `morgue people`.
#[derive(Debug, clap::Args)]
pub struct PeopleArgs {
    #[command(flatten)]
    pub filters: Filters,
    /// List the people mentioned together with this person.
    #[arg(long, value_name = "NAME")]
    pub with: Option<String>,
    /// Number of people to list.
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub limit: usize,
    /// Output format [default: text on a terminal, jsonl when piped].
    #[arg(long, value_enum)]
    pub format: Option<FormatArg>,
    #[command(flatten)]
    pub solr: SolrTarget,
}

/// `morgue export`.
#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub filters: Filters,
    #[command(flatten)]
    pub person: PersonFilter,
    /// Output format: jsonl, one object per article as `morgue extract` prints them; csv,
    /// a header row then id, date, headline, site, url, path, people, authors, extraction
    /// and body.
    #[arg(long, value_enum, default_value_t = ExportFormatArg::Jsonl)]
    pub format: ExportFormatArg,
}

/// `morgue push`.
#[derive(Debug, clap::Args)]
pub struct PushArgs {
    /// Folders or files whose pages to send.
    #[arg(value_name = "DIR|FILE", required_unless_present = "from_index")]
    pub paths: Vec<PathBuf>,
    /// Send the articles already in the local index instead.
    #[arg(long, conflicts_with = "paths")]
    pub from_index: bool,
    /// A Solr node's base URL, e.g. http://localhost:8983/solr (several, comma-separated,
    /// to fail over between them).
    #[arg(long, value_name = "URL", required = true)]
    pub solr: String,
    /// The Solr collection.
    #[arg(long, value_name = "NAME", default_value = morgue::solr::DEFAULT_COLLECTION)]
    pub collection: String,
    /// Articles per update request.
    #[arg(long, value_name = "N", default_value_t = morgue::solr::push::DEFAULT_BATCH)]
    pub batch: usize,
    /// Extraction threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
}

/// What narrows the articles of `search`, `people` and `export`: a query and the date and
/// language filters.
#[derive(Debug, Clone, clap::Args)]
pub struct Filters {
    /// The query (search syntax); several words may be given unquoted.
    #[arg(value_name = "QUERY")]
    pub query: Vec<String>,
    /// Only articles published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Only articles published on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Only articles in this language, an ISO 639-1 code such as de, fr, zh (repeatable; any
    /// may match). The query field lang:de does the same inside a query.
    #[arg(long, value_name = "CODE")]
    pub lang: Vec<String>,
}

/// `--person`, for the commands that filter by the people an article mentions.
#[derive(Debug, Clone, clap::Args)]
pub struct PersonFilter {
    /// Only articles mentioning this person (repeatable; all must match). "Putin" matches "Vladimir Putin".
    #[arg(long, value_name = "NAME")]
    pub person: Vec<String>,
}

impl Filters {
    /// The request these filters make (dates parsed here, once), with the given people.
    pub fn request(self, people: Vec<String>) -> Result<SearchRequest> {
        let from = self.from.as_deref().map(parse_day_range).transpose()?;
        let to = self.to.as_deref().map(parse_day_range).transpose()?;
        Ok(SearchRequest {
            query: self.query.join(" "),
            people,
            // `--from` starts at the first instant of its day, month or year; `--to` ends
            // before the first instant after its own.
            from: from.map(|(start, _)| start),
            until: to.map(|(_, after)| after),
            langs: self.lang,
            ..SearchRequest::default()
        })
    }
}

impl SearchArgs {
    /// The search request these arguments make.
    pub fn request(&self) -> Result<SearchRequest> {
        Ok(SearchRequest {
            sort: self.sort.map(Into::into),
            limit: self.limit,
            offset: self.offset,
            all_copies: self.all_copies,
            ..self.filters.clone().request(self.person.person.clone())?
        })
    }
}

/// Defines a clap-side copy of a library enum, variant for variant (their docs feed `--help`),
/// with its conversion: the library's types need no clap.
macro_rules! value_enum {
    ($(#[$doc:meta])* $name:ident => $lib:ty { $($(#[$vdoc:meta])* $variant:ident,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl From<$name> for $lib {
            fn from(v: $name) -> $lib {
                match v {
                    $($name::$variant => <$lib>::$variant,)*
                }
            }
        }
    };
}

value_enum! {
    /// `--format` of most commands: [`morgue::output::Format`].
    FormatArg => morgue::output::Format {
        /// Readable text (the default on a terminal).
        Text,
        /// One pretty JSON document.
        Json,
        /// One compact JSON object per line (the default when piped).
        Jsonl,
    }
}

value_enum! {
    /// `search --format`: [`morgue::export::HitFormat`].
    HitFormatArg => morgue::export::HitFormat {
        /// Readable text (the default on a terminal).
        Text,
        /// One pretty JSON document.
        Json,
        /// One compact JSON object per hit and line (the default when piped).
        Jsonl,
        /// A header row, then one row per hit (rank, date, headline, site, url, path, people,
        /// authors, snippet, id); lists are joined by "; ".
        Csv,
    }
}

value_enum! {
    /// `export --format`: [`morgue::export::ExportFormat`].
    ExportFormatArg => morgue::export::ExportFormat {
        /// One compact JSON object per article and line, as `morgue extract` prints them.
        Jsonl,
        /// A header row, then one row per article (id, date, headline, site, url, path, people,
        /// authors, extraction, body); lists are joined by "; ".
        Csv,
    }
}

value_enum! {
    /// `search --sort`: [`morgue::search::SortOrder`].
    SortArg => morgue::search::SortOrder {
        /// BM25 score, best first.
        Relevance,
        /// Publication date, newest first.
        Newest,
        /// Publication date, oldest first.
        Oldest,
    }
}

value_enum! {
    /// `search --histogram`: [`morgue::facets::Interval`].
    IntervalArg => morgue::facets::Interval {
        /// Calendar years.
        Year,
        /// Calendar months.
        Month,
        /// ISO weeks, starting on Monday.
        Week,
        /// Days.
        Day,
    }
}

/// A SolrCloud collection to ask instead of the local index.
#[derive(Debug, Clone, clap::Args)]
pub struct SolrTarget {
    /// Ask this SolrCloud instead of the local index: a node's base URL, e.g.
    /// http://localhost:8983/solr (several, comma-separated, to fail over between them).
    #[arg(long, value_name = "URL")]
    pub solr: Option<String>,
    /// The Solr collection (with --solr).
    #[arg(long, value_name = "NAME", default_value = morgue::solr::DEFAULT_COLLECTION, requires = "solr")]
    pub collection: String,
}

/// Stands in for the global `--index` in subcommands that use no index, so their `--help`
/// does not offer it (clap does not copy a global argument where one of its id exists).
#[derive(Debug, clap::Args)]
pub struct NoIndex {
    #[arg(id = "index", long = "index", hide = true, value_name = "PATH")]
    _index: Option<PathBuf>,
}
