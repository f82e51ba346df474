// Placeholder: being written.
import { EXIT, type Command } from "../command.js";

const hook: Command = async () => EXIT.usage;
export default hook;
