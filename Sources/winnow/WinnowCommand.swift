import ArgumentParser
import Winnow
import WinnowBoilerplate
import WinnowEntities

@main
struct WinnowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "winnow",
    abstract: "Clean, normalize, segment and annotate multilingual page text.",
    subcommands: [
      NormalizeCommand.self, TokenizeCommand.self, SentencesCommand.self, CleanCommand.self,
      EntitiesCommand.self, RunCommand.self, StagesCommand.self,
    ])

  /// The pipeline `winnow run` uses without `--pipeline`: normalize → segment →
  /// boilerplate. (`entities` joins it once its gazetteer loads from a compiled file in
  /// well under a second; today it is built at start-up, seconds in a debug build. Add
  /// `- entities` to a pipeline file to use it.)
  static let defaultPipeline = PipelineConfiguration(stages: [
    StageOptions(stage: "normalize"), StageOptions(stage: "segment"),
    StageOptions(stage: "boilerplate"),
  ])

  /// Registers the plugin stages (written on Winnow's public Stage API, in their own
  /// targets) next to the built-in ones, then runs the command line.
  static func main() {
    StageRegistry.shared.register(BoilerplateStage.descriptor)
    StageRegistry.shared.register(EntitiesStage.descriptor)
    main(nil)
  }
}
