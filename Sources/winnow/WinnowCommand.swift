import ArgumentParser
import Winnow

@main
struct WinnowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "winnow",
    abstract: "Clean, normalize, segment and annotate multilingual page text.",
    subcommands: [NormalizeCommand.self, RunCommand.self, StagesCommand.self])
}
