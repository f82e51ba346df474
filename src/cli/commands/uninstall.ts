// Placeholder: `integration-guard uninstall` is being written (issue 3).
import { EXIT, type Command } from "../command.js";

const uninstall: Command = async () => {
  process.stderr.write("integration-guard uninstall: not available yet\n");
  return EXIT.usage;
};
export default uninstall;
