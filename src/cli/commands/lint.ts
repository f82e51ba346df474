// Placeholder: being written.
import { EXIT, type Command } from "../command.js";

const lint: Command = async () => EXIT.usage;
export default lint;
