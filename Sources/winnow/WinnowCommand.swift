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
      EntitiesCommand.self, RunCommand.self, LearnCommand.self, StagesCommand.self,
    ])

  /// The pipeline `winnow run` uses without `--pipeline` (``PipelineConfiguration/standard``).
  static let defaultPipeline = PipelineConfiguration.standard

  /// Registers the plugin stages (written on Winnow's public Stage API, in their own
  /// targets) next to the built-in ones, then runs the command line.
  static func main() {
    StageRegistry.shared.register(BoilerplateStage.descriptor)
    StageRegistry.shared.register(EntitiesStage.descriptor)
    main(nil)
  }
}
