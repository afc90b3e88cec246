import Winnow

extension PipelineConfiguration {
  /// The pipeline `winnow run`, the C API and the Python package use when none is given:
  /// normalize → boilerplate → segment → entities.
  ///
  /// Boilerplate runs before segmentation: dropping lines changes the text, which clears
  /// sentences and tokens, so segmenting the kept text is what keeps them. Entities come
  /// last, on the final text: they add annotations without changing it, so the sentences
  /// and tokens stay (a stage that changed the text after them would move or drop them).
  /// The entities stage's built-in gazetteer is compiled once per machine and then loaded
  /// from the on-disk cache (`GazetteerCache` in WinnowEntities). Needs
  /// ``BoilerplateStage/descriptor`` and `EntitiesStage.descriptor` registered.
  ///
  /// ```swift
  /// PipelineConfiguration.standard.stages.map(\.stage)   // ["normalize", "boilerplate", "segment", "entities"]
  /// ```
  public static var standard: PipelineConfiguration {
    PipelineConfiguration(stages: [
      StageOptions(stage: "normalize"), StageOptions(stage: "boilerplate"),
      StageOptions(stage: "segment"),
      StageOptions(stage: "entities"),
    ])
  }
}
