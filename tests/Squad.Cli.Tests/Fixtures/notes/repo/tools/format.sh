# Strips trailing spaces from every text file.
find . -name '*.txt' -not -path './.git/*' -exec sed -i 's/[[:space:]]*$//' {} +
