import Winnow

extension PipelineConfiguration {
  /// The pipeline `winnow run`, the C API and the Python package use when none is given:
  /// normalize → boilerplate → segment.
  ///
  /// Boilerplate runs before segmentation: dropping lines changes the text, which clears
  /// sentences and tokens, so segmenting the kept text is what keeps them. (`entities` joins
  /// once its gazetteer loads from a compiled file in well under a second; add `- entities`
  /// to a pipeline file to use it today.) Needs ``BoilerplateStage/descriptor`` registered.
  public static var standard: PipelineConfiguration {
    PipelineConfiguration(stages: [
      StageOptions(stage: "normalize"), StageOptions(stage: "boilerplate"), StageOptions(stage: "segment"),
    ])
  }
}
