internal import CICU

/// CLDR display names from ICU 72 (CLDR 42): region names and time-zone exemplar cities in
/// any locale, for gazetteers built at run time.
///
/// Each call crosses into ICU once and returns Swift strings; nothing is kept open.
///
/// ```swift
/// try LocaleDisplayNames.regionName("GB", locale: "zh_Hans")        // "英国"
/// try LocaleDisplayNames.exemplarCity(zone: "Europe/London", locale: "en")  // "London"
/// try LocaleDisplayNames.region(ofZone: "Europe/London")            // "GB"
/// ```
public enum LocaleDisplayNames {
  /// The kinds of regions ICU knows (`URegionType`).
  public enum RegionType: Int32, Sendable, CaseIterable {
    /// Countries and territories: ISO 3166-1 alpha-2 codes (`GB`) and a few CLDR extras.
    case territory = 0
    /// Continents: UN M.49 codes (`002` Africa, `150` Europe, …).
    case continent = 1
    /// Subcontinents: UN M.49 codes (`039` Southern Europe, …).
    case subcontinent = 2
    /// The world (`001`).
    case world = 3
  }

  /// The region codes of one type (`uregion_getAvailable`).
  /// - Parameter type: which regions.
  /// - Returns: the codes, e.g. `["AC", "AD", "AE", …]` for territories.
  /// - Throws: `ICUError` if ICU's region data cannot be loaded.
  public static func regionCodes(_ type: RegionType) throws(ICUError) -> [String] {
    let bytes: [UInt8] = try icuFill("uregion_getAvailable", capacity: 2048) { dst, cap, status in
      cicu_region_codes(type.rawValue, dst, cap, &status)
    }
    return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
  }

  /// The name of a region in a locale (`uloc_getDisplayCountry`).
  /// - Parameters:
  ///   - code: an ISO 3166-1 alpha-2 code or UN M.49 number (`GB`, `150`).
  ///   - locale: the display locale (`en`, `zh_Hans`, `zh_Hant`, …).
  /// - Returns: the name (`United Kingdom`, `英国`, `英國`); ICU returns the code itself
  ///   when it has no name.
  /// - Throws: `ICUError` on an ICU failure.
  public static func regionName(_ code: String, locale: String) throws(ICUError) -> String {
    let bytes: [UInt8] = try icuFill("uloc_getDisplayCountry", capacity: 128) { dst, cap, status in
      cicu_region_display_name(code, locale, dst, cap, &status)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The canonical location time-zone ids (`ucal_openTimeZoneIDEnumeration`, about 430).
  /// - Returns: ids such as `Europe/London`.
  /// - Throws: `ICUError` on an ICU failure.
  public static func zoneIDs() throws(ICUError) -> [String] {
    let bytes: [UInt8] = try icuFill("ucal_openTimeZoneIDEnumeration", capacity: 16384) {
      dst, cap, status in
      cicu_zone_ids(dst, cap, &status)
    }
    return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
  }

  /// The exemplar city of a zone in a locale (`icu::TimeZoneNames::getExemplarLocationName`).
  /// - Parameters:
  ///   - zone: a zone id (`Asia/Shanghai`).
  ///   - locale: the display locale.
  /// - Returns: the city (`Shanghai`, `上海`), or nil when CLDR has none.
  /// - Throws: `ICUError` on an ICU failure.
  public static func exemplarCity(zone: String, locale: String) throws(ICUError) -> String? {
    let bytes: [UInt8] = try icuFill("TimeZoneNames::getExemplarLocationName", capacity: 128) {
      dst, cap, status in
      cicu_zone_exemplar_city(zone, locale, dst, cap, &status)
    }
    return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
  }

  /// The ISO 3166 region of a zone (`icu::TimeZone::getRegion`).
  /// - Parameter zone: a zone id.
  /// - Returns: `GB` for `Europe/London`; nil when the zone has no region (`Etc/UTC`).
  /// - Throws: `ICUError` for an unknown zone id.
  public static func region(ofZone zone: String) throws(ICUError) -> String? {
    var out = [CChar](repeating: 0, count: 8)
    var status: Int32 = 0
    cicu_zone_region(zone, &out, &status)
    try checkICU(status, "TimeZone::getRegion")
    let bytes = out.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
    let s = String(decoding: bytes, as: UTF8.self)
    return s.isEmpty || s == "001" ? nil : s
  }
}
