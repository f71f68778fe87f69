"""Papers: the records (`models`), recognising one paper on several pages (`merge`), and the
library file that holds every imported paper (`library`)."""
