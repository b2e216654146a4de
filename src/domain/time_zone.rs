//! The carrier's time zone: one IANA zone (`[breach] time_zone`, default `America/New_York`)
//! decides the calendar date of a breach determination, a breach notice, and the year an item
//! falls in for the annual certification, whatever offset a time was written with. Pure: the
//! zone database is compiled into the binary (jiff's bundled tzdb), so no file is read.

use time::{Date, Month, OffsetDateTime};

/// The default carrier zone.
pub const DEFAULT_ZONE: &str = "America/New_York";

/// A validated IANA time zone.
#[derive(Debug, Clone)]
pub struct CarrierZone {
    name: String,
    tz: jiff::tz::TimeZone,
}

impl Default for CarrierZone {
    fn default() -> Self {
        CarrierZone::parse(DEFAULT_ZONE).unwrap_or_else(|_| CarrierZone {
            name: "UTC".into(),
            tz: jiff::tz::TimeZone::UTC,
        })
    }
}

impl PartialEq for CarrierZone {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl CarrierZone {
    /// An IANA zone name such as `America/Chicago`; an unknown name is an error.
    pub fn parse(name: &str) -> Result<CarrierZone, String> {
        let name = name.trim();
        if name.is_empty() || name.len() > 64 {
            return Err(format!("{name:?} is not an IANA time zone name"));
        }
        jiff::tz::TimeZone::get(name)
            .map(|tz| CarrierZone {
                name: name.to_string(),
                tz,
            })
            .map_err(|_| {
                format!("{name:?} is not an IANA time zone name (like \"America/New_York\")")
            })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The calendar date of instant `t` in this zone.
    pub fn date_of(&self, t: OffsetDateTime) -> Date {
        let local = jiff::Timestamp::from_second(t.unix_timestamp())
            .map(|ts| ts.to_zoned_datetime(self.tz.clone()).date());
        local.ok().and_then(to_time).unwrap_or(t.date())
    }

    /// The first instant of day `d` in this zone (local midnight, or the first time that
    /// exists when a clock change skips midnight).
    pub fn start_of(&self, d: Date) -> OffsetDateTime {
        let start =
            jiff::civil::Date::new(d.year() as i16, u8::from(d.month()) as i8, d.day() as i8)
                .and_then(|c| c.to_zoned_datetime(self.tz.clone()))
                .map(|z| z.timestamp().as_second());
        start
            .ok()
            .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
            .unwrap_or(d.midnight().assume_utc())
    }

    /// The instants `[start, end)` of calendar year `year` in this zone.
    pub fn year_bounds(&self, year: i32) -> (OffsetDateTime, OffsetDateTime) {
        let jan1 = |y| Date::from_calendar_date(y, Month::January, 1).unwrap_or(Date::MIN);
        (self.start_of(jan1(year)), self.start_of(jan1(year + 1)))
    }
}

fn to_time(d: jiff::civil::Date) -> Option<Date> {
    let month = Month::try_from(d.month() as u8).ok()?;
    Date::from_calendar_date(d.year() as i32, month, d.day() as u8).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn one_instant_one_date_whatever_the_offset() {
        let z = CarrierZone::default();
        assert_eq!(z.name(), "America/New_York");
        let a = datetime!(2026-03-05 22:00 -05:00);
        let b = datetime!(2026-03-06 03:00 UTC);
        assert_eq!(z.date_of(a), date!(2026 - 03 - 05));
        assert_eq!(z.date_of(b), date!(2026 - 03 - 05));
        let tokyo = CarrierZone::parse("Asia/Tokyo").unwrap();
        assert_eq!(tokyo.date_of(b), date!(2026 - 03 - 06));
    }

    #[test]
    fn local_midnight_and_year_bounds() {
        let z = CarrierZone::default();
        assert_eq!(
            z.start_of(date!(2026 - 03 - 06)),
            datetime!(2026-03-06 05:00 UTC)
        );
        // Summer time: UTC-4.
        assert_eq!(
            z.start_of(date!(2026 - 07 - 01)),
            datetime!(2026-07-01 04:00 UTC)
        );
        let (s, e) = z.year_bounds(2026);
        assert_eq!(s, datetime!(2026-01-01 05:00 UTC));
        assert_eq!(e, datetime!(2027-01-01 05:00 UTC));
        assert_eq!(
            z.date_of(datetime!(2027-01-01 01:00 UTC)),
            date!(2026 - 12 - 31)
        );
    }

    #[test]
    fn unknown_zones_are_refused() {
        assert!(CarrierZone::parse("America/Gotham").is_err());
        assert!(CarrierZone::parse("").is_err());
        assert!(CarrierZone::parse("UTC").is_ok());
    }
}
