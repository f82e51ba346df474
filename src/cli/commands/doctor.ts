// Placeholder: `integration-guard doctor` is being written (issue 3).
import { EXIT, type Command } from "../command.js";

const doctor: Command = async () => {
  process.stderr.write("integration-guard doctor: not available yet\n");
  return EXIT.usage;
};
export default doctor;
