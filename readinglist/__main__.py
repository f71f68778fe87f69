from readinglist.cli import main

raise SystemExit(main())
