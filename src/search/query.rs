//! From a request to a tantivy query: the query string (dates rewritten, quoted words on the
//! unstemmed fields, words in every language of the index, a lenient fallback), the person,
//! date and language filters.

use super::dates::rewrite_dates;
use super::{day, last_day, RequestQuery, SearchError, SearchRequest, HEADLINE_BOOST};
use crate::index::schema::names::{BODY, BODY_EXACT, HEADLINE, HEADLINE_EXACT, LANG, PERSON};
use crate::index::schema::wall_clock_date;
use crate::index::MorgueIndex;
use chrono::{DateTime, Utc};
use std::ops::Bound;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, FuzzyTermQuery, Occur,
    PhraseQuery, Query, QueryParser, QueryParserError, RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::query_grammar::{Delimiter, UserInputAst, UserInputLeaf, UserInputLiteral};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{Score, Term};

/// Maps a query parser error to a message that says what to change.
fn explain(e: &QueryParserError) -> String {
    match e {
        QueryParserError::FieldDoesNotExist(f) => {
            format!("unknown field '{f}' (fields: headline, body, person, authors, site, date, captured, lang, id, path, url)")
        }
        QueryParserError::ExpectedInt(_) | QueryParserError::DateFormatError(_) => {
            "bad date in range: use date:[YYYY-MM-DD TO YYYY-MM-DD]".to_string()
        }
        other => other.to_string(),
    }
}

impl MorgueIndex {
    fn query_parser(&self) -> QueryParser {
        let f = self.fields();
        let mut qp = QueryParser::for_index(self.tantivy(), vec![f.headline, f.body, f.person]);
        qp.set_conjunction_by_default();
        qp.set_field_boost(f.headline, HEADLINE_BOOST);
        qp
    }

    /// Parses a query string; a syntax error falls back to a lenient reading with a warning.
    ///
    /// Quoted words and phrases go to the unstemmed `*_exact` fields and `word*` becomes a
    /// prefix query there; everything else is left to tantivy's parser on the stemmed fields.
    fn parse(&self, query: &str) -> Result<(Box<dyn Query>, Option<String>), SearchError> {
        if !query.chars().any(char::is_alphanumeric) {
            return Err(SearchError::BadQuery(format!(
                "{query:?} has no words to search for"
            )));
        }
        let query = rewrite_dates(query)?;
        let qp = self.query_parser();
        let (ast, warning) = match tantivy::query_grammar::parse_query(&query) {
            Ok(ast) => (ast, None),
            Err(_) => {
                let (ast, _) = tantivy::query_grammar::parse_query_lenient(&query);
                (
                    ast,
                    Some(
                        "query has a syntax error (unbalanced quotes or brackets); \
                         searched for its words instead"
                            .to_string(),
                    ),
                )
            }
        };
        let langs = self.languages()?;
        let q = self
            .convert(&qp, &langs, ast)
            .map_err(|e| SearchError::BadQuery(explain(&e)))?;
        Ok((q, warning))
    }

    /// Turns a parsed query into a tantivy query, clause by clause (see [`Self::parse`]).
    fn convert(
        &self,
        qp: &QueryParser,
        langs: &[String],
        ast: UserInputAst,
    ) -> Result<Box<dyn Query>, QueryParserError> {
        match ast {
            UserInputAst::Clause(items) => {
                let mut clauses = Vec::with_capacity(items.len() + 1);
                for (occur, sub) in items {
                    clauses.push((occur.unwrap_or(Occur::Must), self.convert(qp, langs, sub)?));
                }
                // `-word` alone means every article without it.
                if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Ok(Box::new(BooleanQuery::new(clauses)))
            }
            UserInputAst::Boost(inner, boost) => Ok(Box::new(BoostQuery::new(
                self.convert(qp, langs, *inner)?,
                boost.into_inner() as Score,
            ))),
            UserInputAst::Leaf(leaf) => match *leaf {
                UserInputLeaf::Literal(mut lit) => {
                    lit.field_name = lit.field_name.map(|f| f.to_lowercase());
                    // The grammar keeps the star of an unquoted `put*` in the word itself.
                    if lit.delimiter == Delimiter::None && lit.phrase.len() > 1 {
                        if let Some(stem) = lit.phrase.strip_suffix('*') {
                            lit.phrase = stem.to_string();
                            lit.prefix = true;
                        }
                    }
                    if lit.field_name.as_deref() == Some(LANG) {
                        // Codes are stored lower-case; `lang:DE` and `lang:de-AT` mean `de`.
                        lit.phrase = crate::lang::normalize_code(&lit.phrase).unwrap_or(lit.phrase);
                    }
                    if lit.prefix {
                        self.prefix_query(qp, lit)
                    } else if lit.delimiter != Delimiter::None {
                        qp.build_query_from_user_input_ast(self.exact(lit))
                    } else if let Some(q) = self.word_query(qp, langs, &lit)? {
                        Ok(q)
                    } else {
                        qp.build_query_from_user_input_ast(leaf_of(UserInputLeaf::Literal(lit)))
                    }
                }
                other => qp.build_query_from_user_input_ast(leaf_of(lowercase_field(other))),
            },
        }
    }

    /// The languages of the index's articles (ISO 639-1, as stored), from the terms of the
    /// `lang` field: a few per index, read from each segment's term dictionary.
    pub(super) fn languages(&self) -> Result<Vec<String>, SearchError> {
        let mut found = std::collections::BTreeSet::new();
        for segment in self.searcher().segment_readers() {
            let inverted = segment.inverted_index(self.fields().lang)?;
            let mut terms = inverted
                .terms()
                .stream()
                .map_err(tantivy::TantivyError::from)?;
            while terms.advance() {
                found.insert(String::from_utf8_lossy(terms.key()).into_owned());
            }
        }
        Ok(found.into_iter().collect())
    }

    /// An unquoted word on the stemmed fields (`word`, `headline:word`, `body:word`), analysed
    /// the way each language of the index analysed its articles; `None` for other fields, or
    /// when no language finds a token in it (the parser then says what it makes of it).
    fn word_query(
        &self,
        qp: &QueryParser,
        langs: &[String],
        lit: &UserInputLiteral,
    ) -> Result<Option<Box<dyn Query>>, QueryParserError> {
        let f = self.fields();
        let fields: &[Field] = match lit.field_name.as_deref() {
            None => &[f.headline, f.body],
            Some(HEADLINE) => &[f.headline],
            Some(BODY) => &[f.body],
            Some(_) => return Ok(None),
        };
        let forms = word_forms(langs, &lit.phrase);
        if forms.is_empty() {
            return Ok(None);
        }
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for &field in fields {
            let q = self.forms_query(field, langs, &forms);
            let q: Box<dyn Query> = if field == f.headline {
                Box::new(BoostQuery::new(q, HEADLINE_BOOST))
            } else {
                q
            };
            alternatives.push((Occur::Should, q));
        }
        if lit.field_name.is_none() {
            let person = UserInputLiteral {
                field_name: Some(PERSON.to_string()),
                ..lit.clone()
            };
            alternatives.push((
                Occur::Should,
                qp.build_query_from_user_input_ast(leaf_of(UserInputLeaf::Literal(person)))?,
            ));
        }
        Ok(Some(match alternatives.len() {
            1 => alternatives.remove(0).1,
            _ => Box::new(BooleanQuery::new(alternatives)),
        }))
    }

    /// The forms of a word in one field, each form restricted (without scoring) to the articles
    /// of the languages that gave it; a form every language gives needs no restriction.
    fn forms_query(&self, field: Field, langs: &[String], forms: &[WordForm]) -> Box<dyn Query> {
        let lang_terms = |codes: &mut dyn Iterator<Item = &String>| -> Vec<Term> {
            codes
                .map(|c| Term::from_field_text(self.fields().lang, c))
                .collect()
        };
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for form in forms {
            let base: Box<dyn Query> = match form.tokens.as_slice() {
                [(_, one)] => Box::new(TermQuery::new(
                    Term::from_field_text(field, one),
                    IndexRecordOption::WithFreqs,
                )),
                many => Box::new(PhraseQuery::new_with_offset(
                    many.iter()
                        .map(|(pos, t)| (*pos, Term::from_field_text(field, t)))
                        .collect(),
                )),
            };
            let q: Box<dyn Query> = if forms.len() == 1 {
                base
            } else if form.english {
                // English also stands for articles of no known language: exclude the others.
                let others: Vec<Term> = lang_terms(
                    &mut langs
                        .iter()
                        .filter(|c| !form.langs.contains(c) && c.as_str() != "en"),
                );
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, base),
                    (Occur::MustNot, Box::new(TermSetQuery::new(others))),
                ]))
            } else {
                let only = lang_terms(&mut form.langs.iter());
                Box::new(BooleanQuery::new(vec![
                    (Occur::Must, base),
                    (
                        Occur::Must,
                        Box::new(ConstScoreQuery::new(Box::new(TermSetQuery::new(only)), 0.0)),
                    ),
                ]))
            };
            alternatives.push((Occur::Should, q));
        }
        match alternatives.len() {
            1 => alternatives.remove(0).1,
            _ => Box::new(BooleanQuery::new(alternatives)),
        }
    }

    /// A quoted literal aimed at the unstemmed fields: the headline (boosted), the body, the people.
    fn exact(&self, lit: UserInputLiteral) -> UserInputAst {
        let with_field = |name: &str| {
            leaf_of(UserInputLeaf::Literal(UserInputLiteral {
                field_name: Some(name.to_string()),
                ..lit.clone()
            }))
        };
        match lit.field_name.as_deref() {
            None => UserInputAst::Clause(vec![
                (
                    Some(Occur::Should),
                    UserInputAst::Boost(
                        Box::new(with_field(HEADLINE_EXACT)),
                        (HEADLINE_BOOST as f64).into(),
                    ),
                ),
                (Some(Occur::Should), with_field(BODY_EXACT)),
                (Some(Occur::Should), with_field(PERSON)),
            ]),
            Some(HEADLINE) => with_field(HEADLINE_EXACT),
            Some(BODY) => with_field(BODY_EXACT),
            Some(_) => leaf_of(UserInputLeaf::Literal(lit)),
        }
    }

    /// `put*`: every word starting with `put`, as written (not stemmed); `"big bad wo"*` as a phrase.
    fn prefix_query(
        &self,
        qp: &QueryParser,
        lit: UserInputLiteral,
    ) -> Result<Box<dyn Query>, QueryParserError> {
        let names: Vec<&str> = match lit.field_name.as_deref() {
            None => vec![HEADLINE_EXACT, BODY_EXACT, PERSON],
            Some(HEADLINE) => vec![HEADLINE_EXACT],
            Some(BODY) => vec![BODY_EXACT],
            Some(other) => vec![other],
        };
        let schema = self.schema();
        let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for name in names {
            let field = schema
                .get_field(name)
                .map_err(|_| QueryParserError::FieldDoesNotExist(name.to_string()))?;
            let mut analyzer = self
                .tantivy()
                .tokenizer_for_field(field)
                .map_err(|_| QueryParserError::FieldNotIndexed(name.to_string()))?;
            let mut words = Vec::new();
            let mut stream = analyzer.token_stream(&lit.phrase);
            while let Some(tok) = stream.next() {
                words.push(tok.text.clone());
            }
            let q: Box<dyn Query> = match words.as_slice() {
                [] => Box::new(EmptyQuery),
                [word] => Box::new(FuzzyTermQuery::new_prefix(
                    Term::from_field_text(field, word),
                    0,
                    false,
                )),
                _ => qp.build_query_from_user_input_ast(leaf_of(UserInputLeaf::Literal(
                    UserInputLiteral {
                        field_name: Some(name.to_string()),
                        ..lit.clone()
                    },
                )))?,
            };
            let q = if name == HEADLINE_EXACT {
                Box::new(BoostQuery::new(q, HEADLINE_BOOST))
            } else {
                q
            };
            alternatives.push((Occur::Should, q));
        }
        Ok(Box::new(BooleanQuery::new(alternatives)))
    }

    /// A query matching articles that mention a person (any part of the name, case and accents ignored).
    fn person_query(&self, name: &str) -> Result<Box<dyn Query>, SearchError> {
        let field = self.fields().person;
        let mut analyzer = self
            .tantivy()
            .tokenizer_for_field(field)
            .expect("registered tokenizer");
        let mut words = Vec::new();
        let mut stream = analyzer.token_stream(name);
        while let Some(tok) = stream.next() {
            words.push(tok.text.clone());
        }
        if words.is_empty() {
            return Err(SearchError::NoName(name.to_string()));
        }
        // Every spelling of each word the index holds: `Zelensky` finds `Zelenskyy` too.
        let searcher = self.searcher();
        Ok(crate::people_names::person_query(&searcher, field, &words)?)
    }

    /// The tantivy query of a request, whether it has text to rank by, and a warning when it was
    /// read leniently; the search and the facets of its whole result set share it.
    pub fn request_query(&self, req: &SearchRequest) -> Result<RequestQuery, SearchError> {
        let text_query = req.query.trim();
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut warning = None;
        let mut has_text = false;
        if !text_query.is_empty() {
            let (q, w) = self.parse(text_query)?;
            warning = w;
            has_text = true;
            clauses.push((Occur::Must, q));
        }
        for p in &req.people {
            clauses.push((Occur::Must, self.person_query(p)?));
        }
        if let (Some(from), Some(until)) = (req.from, req.until) {
            if from >= until {
                return Err(SearchError::EmptySpan(day(from), last_day(until)));
            }
        }
        if req.from.is_some() || req.until.is_some() {
            clauses.push((Occur::Must, Box::new(self.date_range(req.from, req.until))));
        }
        if !req.langs.is_empty() {
            let mut terms = Vec::with_capacity(req.langs.len());
            for l in &req.langs {
                let code = crate::lang::normalize_code(l)
                    .ok_or_else(|| SearchError::BadLang(l.clone()))?;
                terms.push(Term::from_field_text(self.fields().lang, &code));
            }
            // A filter: it must not move the ranking.
            let filter = ConstScoreQuery::new(Box::new(TermSetQuery::new(terms)), 0.0);
            clauses.push((Occur::Must, Box::new(filter)));
        }
        let query: Box<dyn Query> = match clauses.len() {
            0 => Box::new(AllQuery),
            1 if has_text => clauses.remove(0).1,
            _ => {
                if !has_text {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                }
                Box::new(BooleanQuery::new(clauses))
            }
        };
        Ok((query, has_text, warning))
    }

    pub(super) fn date_range(
        &self,
        from: Option<DateTime<Utc>>,
        until: Option<DateTime<Utc>>,
    ) -> RangeQuery {
        let term = |d| Term::from_field_date(self.fields().date, wall_clock_date(d));
        let lo = from.map_or(Bound::Unbounded, |d| Bound::Included(term(d)));
        let hi = until.map_or(Bound::Unbounded, |d| Bound::Excluded(term(d)));
        RangeQuery::new(lo, hi)
    }
}

/// One form a query word takes: its tokens (with positions) in the chains of `langs`.
struct WordForm {
    tokens: Vec<(usize, String)>,
    /// The index's language codes whose chain gives these tokens.
    langs: Vec<String>,
    /// The English chain gives them too (which also analysed the articles of no known language).
    english: bool,
}

/// The distinct forms a word takes in the chains of English and of the index's languages.
fn word_forms(langs: &[String], word: &str) -> Vec<WordForm> {
    let mut forms: Vec<WordForm> = Vec::new();
    let chains = std::iter::once(None).chain(
        langs
            .iter()
            .filter(|c| c.as_str() != "en")
            .map(|c| Some(c.as_str())),
    );
    for lang in chains {
        let mut analyzer = crate::index::analyzer::analyzer_for(lang);
        let mut stream = analyzer.token_stream(word);
        let mut tokens = Vec::new();
        while let Some(t) = stream.next() {
            tokens.push((t.position, t.text.clone()));
        }
        if tokens.is_empty() {
            continue;
        }
        let form = match forms.iter_mut().position(|f| f.tokens == tokens) {
            Some(i) => &mut forms[i],
            None => {
                forms.push(WordForm {
                    tokens,
                    langs: Vec::new(),
                    english: false,
                });
                forms.last_mut().expect("just pushed")
            }
        };
        match lang {
            None => {
                form.english = true;
                if langs.iter().any(|c| c == "en") {
                    form.langs.push("en".to_string());
                }
            }
            Some(code) => form.langs.push(code.to_string()),
        }
    }
    forms
}

fn leaf_of(leaf: UserInputLeaf) -> UserInputAst {
    UserInputAst::Leaf(Box::new(leaf))
}

/// Field names are matched without regard to case (`Headline:`, `DATE:`).
fn lowercase_field(leaf: UserInputLeaf) -> UserInputLeaf {
    let lower = |f: Option<String>| f.map(|f| f.to_lowercase());
    match leaf {
        UserInputLeaf::Range {
            field,
            lower: lo,
            upper,
        } => UserInputLeaf::Range {
            field: lower(field),
            lower: lo,
            upper,
        },
        UserInputLeaf::Set { field, elements } => UserInputLeaf::Set {
            field: lower(field),
            elements,
        },
        UserInputLeaf::Regex { field, pattern } => UserInputLeaf::Regex {
            field: lower(field),
            pattern,
        },
        UserInputLeaf::Exists { field } => UserInputLeaf::Exists {
            field: field.to_lowercase(),
        },
        other => other,
    }
}
