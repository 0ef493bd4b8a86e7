// Diagram Enlarge control: see issue 16. (in progress)
