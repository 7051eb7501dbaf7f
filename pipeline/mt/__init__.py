"""Machine translation: installed Argos packages run on CTranslate2, filling memory gaps."""
