// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QRandomGenerator>

#include <array>
#include <functional>

// Random JSON values for the search's equivalence tests: nested arrays and objects of a few
// members, whose strings, keys and scalars each test draws from its own pieces.
namespace RandomJson {

enum class Kind { String, Scalar, Literal, EmptyContainer, Array, Object };

struct Shape
{
    // What each of six draws makes; deeper than leafDepth only the first leafDraws are drawn.
    std::array<Kind, 6> kinds;
    int leafDraws = 3;
    int leafDepth = 1;
    int fewestMembers = 0; // an array or object holds fewestMembers to 3
    std::function<QByteArray(QRandomGenerator &)> text;    // a string's content, as JSON writes it
    std::function<QByteArray(QRandomGenerator &)> key;     // a key's content
    std::function<QByteArray(QRandomGenerator &)> scalar;  // a number, or any token
    std::function<QByteArray(QRandomGenerator &)> literal; // true, false, null
};

inline QByteArray value(QRandomGenerator &rng, const Shape &shape, int depth)
{
    switch (shape.kinds.at(depth > shape.leafDepth ? rng.bounded(shape.leafDraws) : rng.bounded(6))) {
    case Kind::String:
        return '"' + shape.text(rng) + '"';
    case Kind::Scalar:
        return shape.scalar(rng);
    case Kind::Literal:
        return shape.literal(rng);
    case Kind::EmptyContainer:
        return rng.bounded(2) ? QByteArray("[]") : QByteArray("{}");
    case Kind::Array: {
        QByteArray array = "[";
        for (int k = 0, n = rng.bounded(shape.fewestMembers, 4); k < n; ++k)
            array += (k ? ", " : "") + value(rng, shape, depth + 1);
        return array + ']';
    }
    case Kind::Object: {
        QByteArray object = "{";
        for (int k = 0, n = rng.bounded(shape.fewestMembers, 4); k < n; ++k)
            object += (k ? ", \"" : "\"") + shape.key(rng) + "\": " + value(rng, shape, depth + 1);
        return object + '}';
    }
    }
    return "null";
}

} // namespace RandomJson
