//! From the file as read (`schema`) to the file as the tool uses it (`ConfigFile`): every value
//! checked, every span turned into a line number, the first problem one line.

use toml::Spanned;

use super::diagnostics::{at, line_of};
use super::schema::{RawAthena, RawEnv, RawExport, RawFile, RawLatency, RawPercentiles, RawPrices};
use super::values;
use super::{ConfigFile, FileValue, LatencyTargets, Percentiles, Prices, Section};
use crate::error::UsageError;

/// The file's text and how its name is shown in error lines.
pub(super) struct Checker<'a> {
    pub shown: &'a str,
    pub text: &'a str,
}

type Checked<T> = Result<T, UsageError>;

impl Checker<'_> {
    fn line(&self, span: &std::ops::Range<usize>) -> usize {
        line_of(self.text, span.start)
    }

    /// A string value, checked (and perhaps normalised) by `check`.
    fn string(
        &self,
        v: Option<&Spanned<String>>,
        key: &str,
        check: impl Fn(&str) -> Result<String, String>,
    ) -> Checked<Option<FileValue<String>>> {
        let Some(v) = v else { return Ok(None) };
        match check(v.get_ref()) {
            Ok(value) => Ok(Some(FileValue {
                value,
                line: self.line(&v.span()),
            })),
            Err(why) => Err(at(self.shown, self.text, v.span(), key, &why)),
        }
    }

    fn number(
        &self,
        v: Option<&Spanned<f64>>,
        key: &str,
        check: fn(f64) -> Result<(), String>,
    ) -> Checked<Option<FileValue<f64>>> {
        let Some(v) = v else { return Ok(None) };
        match check(*v.get_ref()) {
            Ok(()) => Ok(Some(FileValue {
                value: *v.get_ref(),
                line: self.line(&v.span()),
            })),
            Err(why) => Err(at(self.shown, self.text, v.span(), key, &why)),
        }
    }

    /// The whole file: `[defaults]`, then each `[env.NAME]` in the order written.
    pub(super) fn file(&self, raw: RawFile, path: std::path::PathBuf) -> Checked<ConfigFile> {
        let defaults = match &raw.defaults {
            Some(d) => {
                self.defaults_only(d)?;
                self.section(d.get_ref(), "defaults")?
            }
            None => Section::default(),
        };
        let mut envs = Vec::new();
        for (name, section) in &raw.env {
            values::env_name(name.get_ref()).map_err(|why| {
                at(
                    self.shown,
                    self.text,
                    name.span(),
                    &format!("env.{}", name.get_ref()),
                    &why,
                )
            })?;
            let key = format!("env.{}", name.get_ref());
            envs.push((
                name.span().start,
                super::EnvSection {
                    name: name.get_ref().clone(),
                    line: self.line(&name.span()),
                    section: self.section(section.get_ref(), &key)?,
                },
            ));
        }
        envs.sort_by_key(|(start, _)| *start);
        let envs: Vec<_> = envs.into_iter().map(|(_, e)| e).collect();
        let default_env = self.string(raw.default_env.as_ref(), "default_env", |s| {
            values::env_name(s)?;
            if envs.is_empty() || envs.iter().any(|e| e.name == s) {
                Ok(s.to_owned())
            } else {
                Err(format!("no [env.{s}] section in this file"))
            }
        })?;
        Ok(ConfigFile {
            path,
            default_env,
            defaults,
            envs,
        })
    }

    /// Keys that name one environment have no place in `[defaults]`.
    fn defaults_only(&self, d: &Spanned<RawEnv>) -> Checked<()> {
        let d = d.get_ref();
        if let Some(p) = &d.production {
            return Err(at(
                self.shown,
                self.text,
                p.span(),
                "defaults.production",
                "production is said per environment, in its [env.NAME] section",
            ));
        }
        if let Some(t) = &d.table {
            return Err(at(
                self.shown,
                self.text,
                t.span(),
                "defaults.table",
                "a table belongs to one environment: set it in an [env.NAME] section (or name_prefix here)",
            ));
        }
        Ok(())
    }

    fn section(&self, raw: &RawEnv, key: &str) -> Checked<Section> {
        let k = |name: &str| format!("{key}.{name}");
        let plain = |f: fn(&str) -> Result<(), String>| move |s: &str| f(s).map(|()| s.to_owned());
        Ok(Section {
            region: self.string(raw.region.as_ref(), &k("region"), plain(values::region))?,
            profile: self.string(raw.profile.as_ref(), &k("profile"), plain(values::profile))?,
            account: self.string(raw.account.as_ref(), &k("account"), plain(values::account))?,
            endpoint_url: self.string(
                raw.endpoint_url.as_ref(),
                &k("endpoint_url"),
                values::endpoint_url,
            )?,
            name_prefix: self.string(
                raw.name_prefix.as_ref(),
                &k("name_prefix"),
                plain(values::name_prefix),
            )?,
            table: self.string(raw.table.as_ref(), &k("table"), plain(values::table))?,
            production: raw.production.as_ref().map(|p| FileValue {
                value: *p.get_ref(),
                line: self.line(&p.span()),
            }),
            sns_topic: self.string(
                raw.sns_topic.as_ref(),
                &k("sns_topic"),
                plain(values::sns_topic),
            )?,
            api_functions: self.functions(raw.api_functions.as_ref(), &k("api_functions"))?,
            consumer_function: self.string(
                raw.consumer_function.as_ref(),
                &k("consumer_function"),
                plain(values::function_name),
            )?,
            latency_targets: self.latency(raw.latency_targets.as_ref(), &k("latency_targets"))?,
            prices: self.prices(raw.prices.as_ref(), &k("prices"))?,
            export: self.export(raw.export.as_ref(), &k("export"))?,
            athena: self.athena(raw.athena.as_ref(), &k("athena"))?,
        })
    }

    fn functions(
        &self,
        raw: Option<&Spanned<Vec<Spanned<String>>>>,
        key: &str,
    ) -> Checked<Option<FileValue<Vec<String>>>> {
        let Some(list) = raw else { return Ok(None) };
        let mut names: Vec<String> = Vec::new();
        for f in list.get_ref() {
            values::function_name(f.get_ref())
                .map_err(|why| at(self.shown, self.text, f.span(), key, &why))?;
            if names.contains(f.get_ref()) {
                let why = format!("`{}` is listed twice", f.get_ref());
                return Err(at(self.shown, self.text, f.span(), key, &why));
            }
            names.push(f.get_ref().clone());
        }
        Ok(Some(FileValue {
            value: names,
            line: self.line(&list.span()),
        }))
    }

    fn latency(
        &self,
        raw: Option<&RawLatency>,
        key: &str,
    ) -> Checked<LatencyTargets<Option<FileValue<f64>>>> {
        let empty = RawLatency::default();
        let raw = raw.unwrap_or(&empty);
        Ok(LatencyTargets {
            write: self.percentiles(raw.write.as_ref(), &format!("{key}.write"))?,
            batch_write: self
                .percentiles(raw.batch_write.as_ref(), &format!("{key}.batch_write"))?,
            read: self.percentiles(raw.read.as_ref(), &format!("{key}.read"))?,
        })
    }

    fn percentiles(
        &self,
        raw: Option<&RawPercentiles>,
        key: &str,
    ) -> Checked<Percentiles<Option<FileValue<f64>>>> {
        let empty = RawPercentiles::default();
        let raw = raw.unwrap_or(&empty);
        Ok(Percentiles {
            p50: self.number(raw.p50.as_ref(), &format!("{key}.p50"), values::millis)?,
            p95: self.number(raw.p95.as_ref(), &format!("{key}.p95"), values::millis)?,
            p99: self.number(raw.p99.as_ref(), &format!("{key}.p99"), values::millis)?,
        })
    }

    fn prices(
        &self,
        raw: Option<&RawPrices>,
        key: &str,
    ) -> Checked<Prices<Option<FileValue<f64>>>> {
        let empty = RawPrices::default();
        let raw = raw.unwrap_or(&empty);
        let n = |v: Option<&Spanned<f64>>, name: &str| {
            self.number(v, &format!("{key}.{name}"), values::price)
        };
        Ok(Prices {
            per_million_wru: n(raw.per_million_wru.as_ref(), "per_million_wru")?,
            per_million_rru: n(raw.per_million_rru.as_ref(), "per_million_rru")?,
            per_wcu_hour: n(raw.per_wcu_hour.as_ref(), "per_wcu_hour")?,
            per_rcu_hour: n(raw.per_rcu_hour.as_ref(), "per_rcu_hour")?,
            per_tb_scanned: n(raw.per_tb_scanned.as_ref(), "per_tb_scanned")?,
            per_gb_exported: n(raw.per_gb_exported.as_ref(), "per_gb_exported")?,
        })
    }

    fn export(
        &self,
        raw: Option<&RawExport>,
        key: &str,
    ) -> Checked<super::Export<Option<FileValue<String>>>> {
        let empty = RawExport::default();
        let raw = raw.unwrap_or(&empty);
        let plain = |f: fn(&str) -> Result<(), String>| move |s: &str| f(s).map(|()| s.to_owned());
        Ok(super::Export {
            bucket: self.string(
                raw.bucket.as_ref(),
                &format!("{key}.bucket"),
                plain(values::bucket),
            )?,
            prefix: self.string(
                raw.prefix.as_ref(),
                &format!("{key}.prefix"),
                plain(values::key_prefix),
            )?,
        })
    }

    fn athena(
        &self,
        raw: Option<&RawAthena>,
        key: &str,
    ) -> Checked<super::Athena<Option<FileValue<String>>>> {
        let empty = RawAthena::default();
        let raw = raw.unwrap_or(&empty);
        let plain = |f: fn(&str) -> Result<(), String>| move |s: &str| f(s).map(|()| s.to_owned());
        Ok(super::Athena {
            database: self.string(
                raw.database.as_ref(),
                &format!("{key}.database"),
                plain(values::athena_database),
            )?,
            workgroup: self.string(
                raw.workgroup.as_ref(),
                &format!("{key}.workgroup"),
                plain(values::workgroup),
            )?,
            output: self.string(
                raw.output.as_ref(),
                &format!("{key}.output"),
                values::s3_location,
            )?,
        })
    }
}
