// Placeholder: being written.
import { EXIT, type Command } from "../command.js";

const testrules: Command = async () => EXIT.usage;
export default testrules;
