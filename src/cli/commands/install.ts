// Placeholder: `integration-guard install` is being written (issue 3).
import { EXIT, type Command } from "../command.js";

const install: Command = async () => {
  process.stderr.write("integration-guard install: not available yet\n");
  return EXIT.usage;
};
export default install;
