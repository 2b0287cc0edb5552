grep -q "Notes" src/readme.txt
