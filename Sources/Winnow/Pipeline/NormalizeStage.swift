/// The `normalize` stage: runs a ``Normalizer`` over the document's text and composes its
/// alignment, so later spans still map to the original.
///
/// Options: `profile` (`default`, `search`, `none`; default `default`), `steps` (a list of
/// step names replacing the profile's steps), `form` (`nfc`, `nfkc`, …, default the
/// profile's).
///
/// ```yaml
/// stages:
///   - {stage: normalize, profile: search}
/// ```
public struct NormalizeStage: Stage {
  /// The normalizer's options.
  public let normalizerOptions: NormalizerOptions
  let normalizer: Normalizer

  /// A stage with these options.
  /// - Throws: `WinnowError` when the normalizer cannot be built.
  public init(_ options: NormalizerOptions = NormalizerOptions()) throws(WinnowError) {
    normalizerOptions = options
    normalizer = try Normalizer(options)
  }

  public var name: String { "normalize" }

  public var options: JSONObject {
    [
      "steps": .array(
        NormalizationStep.allCases.filter { normalizerOptions.steps.contains($0) }.map {
          .string($0.rawValue)
        }),
      "form": .string(normalizerOptions.form.rawValue),
    ]
  }

  public func process(_ document: inout Document) throws(WinnowError) {
    let result = normalizer.normalize(Array(document.text.utf8), tracking: true)
    try document.replaceText(result.text, alignment: result.alignment)
  }

  /// The registry entry.
  public static let descriptor = StageDescriptor(
    name: "normalize",
    summary:
      "Unicode and web-text normalization (NFC, width, spaces, entities, mojibake, …) with alignment to the original.",
    options: [
      StageOptionInfo(
        "profile", type: NormalizationProfile.allCases.map(\.rawValue).joined(separator: "|"),
        default: "default", help: "A named set of steps."),
      StageOptionInfo(
        "steps", type: "list",
        help: "Step names replacing the profile's: "
          + NormalizationStep.allCases.map(\.rawValue).joined(separator: ", ") + "."),
      StageOptionInfo(
        "form", type: NormalizationForm.allCases.map(\.rawValue).joined(separator: "|"),
        help: "The Unicode form of the `form` step (default: the profile's)."),
    ]
  ) { (o: StageOptions) throws(WinnowError) -> any Stage in
    let profileName = try o.choice(
      "profile", NormalizationProfile.allCases.map(\.rawValue), default: "default")
    let profile = NormalizationProfile(rawValue: profileName) ?? .default
    var options = NormalizerOptions(profile: profile)
    if let steps = try o.strings("steps") {
      var set: Set<NormalizationStep> = []
      for s in steps {
        guard let step = NormalizationStep(rawValue: s) else {
          throw o.error(
            "steps",
            "unknown step '\(s)' (steps: \(NormalizationStep.allCases.map(\.rawValue).joined(separator: ", ")))"
          )
        }
        set.insert(step)
      }
      options.steps = set
    }
    if let f = try o.string("form") {
      guard let form = NormalizationForm(rawValue: f) else {
        throw o.error(
          "form",
          "unknown form '\(f)' (forms: \(NormalizationForm.allCases.map(\.rawValue).joined(separator: ", ")))"
        )
      }
      options.form = form
    }
    return try NormalizeStage(options)
  }
}
