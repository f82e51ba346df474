// Placeholder: the integrations API client is being written (issue 4).
export {};
