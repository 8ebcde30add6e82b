//! What a full scan will cost before it starts: items and size (DescribeTable, refreshed by
//! DynamoDB about every six hours), read units, time at the chosen rate, on-demand price. Pure.

use serde::Serialize;

/// Read units a Scan consumes: the data read, in 4 KB units, halved for eventually consistent
/// reads (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html#read-operation-consumption).
pub(crate) fn scan_read_units(bytes: i64) -> f64 {
    (bytes.max(0) as f64 / 4096.0).ceil() / 2.0
}

/// On-demand read price, US East (N. Virginia), USD per million read request units
/// (https://aws.amazon.com/dynamodb/pricing/on-demand/); a flag overrides it.
pub(crate) const DEFAULT_PRICE_PER_MILLION_RRU: f64 = 0.125;

/// Above this many read units a full scan of a production table needs `--yes`.
pub(crate) const DEFAULT_CONFIRM_ABOVE_UNITS: f64 = 1_000_000.0;

impl crate::report::Evidence for ScanEstimate {}

#[derive(Debug, Clone, Serialize, PartialEq, schemars::JsonSchema)]
pub(crate) struct ScanEstimate {
    pub items: i64,
    pub bytes: i64,
    pub read_units: f64,
    /// `--read-rate`, read units per second; `None`: as fast as DynamoDB serves.
    pub read_rate: Option<f64>,
    pub seconds: Option<f64>,
    pub price_per_million_rru: f64,
    pub price_usd: f64,
    pub total_segments: i32,
    /// Read units already consumed by the scan being resumed (not read again).
    pub already_read_units: f64,
}

impl ScanEstimate {
    pub(crate) fn new(
        items: i64,
        bytes: i64,
        read_rate: Option<f64>,
        price_per_million_rru: f64,
        total_segments: i32,
    ) -> ScanEstimate {
        let read_units = scan_read_units(bytes);
        ScanEstimate {
            items,
            bytes,
            read_units,
            read_rate,
            seconds: read_rate.map(|r| read_units / r.max(0.001)),
            price_per_million_rru,
            price_usd: read_units / 1e6 * price_per_million_rru,
            total_segments,
            already_read_units: 0.0,
        }
    }

    /// One line: `~2.6B items, 2.6 TB: ~317M read units, ~$39.67 on demand, ~88 h at 1000 RCU/s`.
    pub(crate) fn text(&self) -> String {
        let time = match self.seconds {
            Some(s) => format!(
                "~{} at {} read units/s",
                crate::times::human(chrono::Duration::seconds(s.ceil() as i64)),
                self.read_rate.unwrap_or_default()
            ),
            None => {
                "no --read-rate: as fast as the table serves (competes with live traffic)".into()
            }
        };
        format!(
            "~{} {}, {}: ~{} {}, ~${:.2} on demand, {time}, {}",
            big(self.items as f64),
            if big(self.items as f64) == "1" {
                "item"
            } else {
                "items"
            },
            bytes(self.bytes),
            big(self.read_units),
            if big(self.read_units) == "1" {
                "read unit"
            } else {
                "read units"
            },
            self.price_usd,
            crate::vocab::words::plural(
                u64::try_from(self.total_segments).unwrap_or_default(),
                "segment",
                "segments"
            )
        )
    }

    /// A production table above the threshold needs an explicit yes.
    pub(crate) fn needs_confirmation(&self, production: bool, threshold_units: f64) -> bool {
        production && self.read_units > threshold_units
    }
}

/// 1234 -> 1.2K, 2.6e9 -> 2.6B.
pub(crate) fn big(n: f64) -> String {
    let (v, unit) = if n >= 1e9 {
        (n / 1e9, "B")
    } else if n >= 1e6 {
        (n / 1e6, "M")
    } else if n >= 1e4 {
        (n / 1e3, "K")
    } else {
        return format!("{n:.0}");
    };
    format!("{v:.1}{unit}")
}

/// Bytes in decimal units, as the AWS console and price list count them.
pub(crate) fn bytes(b: i64) -> String {
    let b = b.max(0) as f64;
    for (unit, size) in [("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("KB", 1e3)] {
        if b >= size {
            return format!("{:.1} {unit}", b / size);
        }
    }
    format!("{b:.0} B")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_runbooks_table_is_priced_before_it_is_read() {
        // 1,000 events/s for 30 days, ~1 KB each.
        let e = ScanEstimate::new(2_592_000_000, 2_600_000_000_000, Some(1000.0), 0.125, 2600);
        assert!(
            (e.read_units - 317_382_812.5).abs() < 1.0,
            "{}",
            e.read_units
        );
        assert!((e.price_usd - 39.67).abs() < 0.01, "{}", e.price_usd);
        assert!((e.seconds.unwrap() / 3600.0 - 88.2).abs() < 0.1);
        let text = e.text();
        assert!(
            text.contains("2.6B items") && text.contains("2.6 TB"),
            "{text}"
        );
        assert!(text.contains("$39.67"), "{text}");
        let cases = [(true, 1e6, true), (false, 1e6, false), (true, 1e9, false)];
        for (production, threshold, want) in cases {
            assert_eq!(e.needs_confirmation(production, threshold), want);
        }
    }

    #[test]
    fn small_and_empty_tables() {
        let e = ScanEstimate::new(0, 0, None, 0.125, 4);
        assert_eq!((e.read_units, e.price_usd, e.seconds), (0.0, 0.0, None));
        assert!(e.text().contains("no --read-rate"));
        assert_eq!(scan_read_units(4097), 1.0);
        assert_eq!(big(12_345.0), "12.3K");
        assert_eq!(bytes(999), "999 B");
    }
}
