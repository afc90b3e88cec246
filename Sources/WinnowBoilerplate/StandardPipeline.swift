import Winnow

extension PipelineConfiguration {
  /// The pipeline `winnow run`, the C API and the Python package use when none is given:
  /// normalize → boilerplate → segment → entities.
  ///
  /// Boilerplate runs before segmentation: dropping lines changes the text, which clears
  /// sentences and tokens, so segmenting the kept text is what keeps them. `entities` runs
  /// last and adds its annotations (its built-in gazetteer compiles once per process, about
  /// 0.3 s in a release build). Needs ``BoilerplateStage/descriptor`` and
  /// `EntitiesStage.descriptor` (WinnowEntities) registered.
  public static var standard: PipelineConfiguration {
    PipelineConfiguration(stages: [
      StageOptions(stage: "normalize"), StageOptions(stage: "boilerplate"), StageOptions(stage: "segment"),
      StageOptions(stage: "entities"),
    ])
  }
}
